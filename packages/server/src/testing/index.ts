export { testChannelsChats, testFixtures, testRoomsChats, testUsers } from "./fixtures.js";
export { startTestServer, TEST_JWT_SECRET } from "./start-test-server.js";
