export { testChannelsChats, testFixtures, testRoomsChats, testUsers } from "./fixtures.js";
export { startTestServer, TEST_JWT_SECRET, testProfile } from "./start-test-server.js";
