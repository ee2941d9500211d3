import { type ParleyServer, type ServerOptions, startServer } from "../server.js";
import { testFixtures } from "./fixtures.js";

/** Secret of every test server, so tests can also sign tokens of their own. */
export const TEST_JWT_SECRET = "parley-test-secret";

/**
 * Starts a reference server for tests: loopback, ephemeral ports, in-memory database and the
 * test fixtures unless the options say otherwise.
 */
export function startTestServer(options: ServerOptions = {}): Promise<ParleyServer> {
  return startServer({
    fixtures: testFixtures,
    jwtSecret: TEST_JWT_SECRET,
    port: 0,
    ...options,
  });
}
