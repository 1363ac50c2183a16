// `npm run test:e2e` installs code-server once before the e2e files start, so parallel files do not each install it
// inside their tests' time. A no-op when it is installed.
import { ensureCodeServer } from './install';

ensureCodeServer().then(
  () => undefined,
  (error: unknown) => {
    console.error(`e2e setup: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
