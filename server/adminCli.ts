/** `npm run server:admin -- <command> …`: see adminCommands.ts. */
import { runAdminCli } from './adminCommands';

runAdminCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
