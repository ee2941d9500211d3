import { isServerProfile } from "../dialect.js";
import { type ParleyServer, type ServerOptions, startServer } from "../server.js";
import { testFixtures } from "./fixtures.js";

/** Secret of every test server, so tests can also sign tokens of their own. */
export const TEST_JWT_SECRET = "parley-test-secret";

/** The profile test servers follow: env PARLEY_PROFILE (each suite runs once per profile). */
export function testProfile(): "seed" | "field" {
  const name = process.env.PARLEY_PROFILE ?? "seed";
  if (!isServerProfile(name)) throw new Error(`PARLEY_PROFILE=${name}: expected seed or field`);
  return name;
}

/**
 * Starts a reference server for tests: loopback, ephemeral ports, in-memory database, the test
 * fixtures and the profile of {@link testProfile}, unless the options say otherwise.
 */
export function startTestServer(options: ServerOptions = {}): Promise<ParleyServer> {
  return startServer({
    profile: testProfile(),
    fixtures: testFixtures,
    jwtSecret: TEST_JWT_SECRET,
    port: 0,
    ...options,
  });
}
