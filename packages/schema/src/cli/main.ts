/** The `lifeboat` command. One subcommand for now; the name leaves room for more. */
import { USAGE, validateCommand } from './validateCommand.js';

const [command, ...rest] = process.argv.slice(2);
const io = {
  out: (l: string) => process.stdout.write(`${l}\n`),
  err: (l: string) => process.stderr.write(`${l}\n`),
  stdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
};

if (command === 'validate') process.exitCode = await validateCommand(rest, io);
else if (!command || command === '--help' || command === '-h' || command === 'help') io.out(`lifeboat <command>\n\nCommands:\n  validate   check a store's Lifeboat config\n\n${USAGE}`);
else {
  io.err(`lifeboat: unknown command "${command}" (the command is "validate")\n\n${USAGE}`);
  process.exitCode = 2;
}
