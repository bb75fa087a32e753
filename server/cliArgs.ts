/** `--name value` / `--name=value` / `--flag` arguments, for the two command-line entries. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      options.set(arg.slice(2), next);
      i++;
    } else {
      options.set(arg.slice(2), true);
    }
  }
  return { positional, options };
}

export function optionText(args: ParsedArgs, name: string, env: string | undefined): string | undefined {
  const v = args.options.get(name);
  if (typeof v === 'string') return v;
  return env !== undefined && env !== '' ? env : undefined;
}
