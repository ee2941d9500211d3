import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";

// The two-user suite against the field profile: rooms-ws as its deployed backend behaves. Its
// history fails once a message has a read receipt, so nothing can catch up after a restart.
describeDialect({ ...scenarios["rooms-ws"], catchUp: false });
