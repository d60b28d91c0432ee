import { runCli } from './runCli';

runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `shipshape: ${error instanceof Error ? error.message : error}\n`,
    );
    process.exitCode = 2;
  },
);
