import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

// The two-user suite against the field profile: channels-ws as its deployed backend behaves.
describeDialect(scenarios["channels-ws"]);
