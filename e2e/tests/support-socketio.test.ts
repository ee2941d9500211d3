import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";
import { describeSupportWidgets } from "../support/support-socketio-widgets.js";

describeDialect(scenarios["support-socketio"]);
describeSupportWidgets();
