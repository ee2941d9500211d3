import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

// The two-user suite against the field profile: support-socketio as its deployed backend behaves.
describeDialect(scenarios["support-socketio"]);
