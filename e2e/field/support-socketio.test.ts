// The support-socketio suites, the two-user one and the ChatWindow one, against the field profile: the
// same tests, which read the few differences (paths, presence words) from the server's profile.
import "../tests/support-socketio.test.js";
