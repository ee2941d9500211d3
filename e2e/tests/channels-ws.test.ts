import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

describeDialect(scenarios["channels-ws"]);
