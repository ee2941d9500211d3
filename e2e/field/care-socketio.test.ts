import { describeCareWidgets } from "../support/care-socketio-widgets.js";
import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

// Against the field profile: care-socketio as its deployed backend behaves (the tests read
// what differs, paths and words, from the server's profile).
describeDialect(scenarios["care-socketio"]);
describeCareWidgets();
