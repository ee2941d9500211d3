import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

// The two-user suite against the field profile: friends-ws as its deployed backend behaves.
describeDialect(scenarios["friends-ws"]);
