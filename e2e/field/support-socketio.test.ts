import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";
import { describeSupportWidgets } from "../support/support-socketio-widgets.js";

// Against the field profile: support-socketio as its deployed backend behaves (the tests read
// what differs, paths and words, from the server's profile).
describeDialect(scenarios["support-socketio"]);
describeSupportWidgets();
