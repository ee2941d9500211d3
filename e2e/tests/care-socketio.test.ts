import { describeCareWidgets } from "../support/care-socketio-widgets.js";
import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

describeDialect(scenarios["care-socketio"]);
describeCareWidgets();
