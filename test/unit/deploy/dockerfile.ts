/**
 * Static checks of the Dockerfile and .dockerignore. There is no Docker engine where these tests
 * run, so the image is never built here: these checks catch the mistakes a review would.
 */

/** One instruction, continuation lines joined and comments removed. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** One `FROM` and the instructions up to the next. */
export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/** Splits a Dockerfile into stages, substituting `ARG` defaults declared before the first FROM. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const instructions: Instruction[] = [];
  let current = '';
  for (const line of lines) {
    current += current === '' ? line.trim() : ` ${line.trim()}`;
    if (current.endsWith('\\')) {
      current = current.slice(0, -1).trimEnd();
      continue;
    }
    if (current !== '') {
      const [keyword = '', ...rest] = current.split(/\s+/);
      instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
    }
    current = '';
  }
  const globalArgs = new Map<string, string>();
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const [image = '', as, name] = ins.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--platform'));
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_m, n: string) => globalArgs.get(n) ?? '');
      stages.push({
        image: resolved,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else if (stages.length === 0) {
      const arg = /^(\w+)=(\S+)$/.exec(ins.args);
      if (ins.keyword === 'ARG' && arg) globalArgs.set(arg[1]!, arg[2]!);
    } else {
      stages.at(-1)!.instructions.push(ins);
    }
  }
  return stages;
}

/** The problems with a Dockerfile, given the `start` script it must agree with. */
export function checkDockerfile(
  text: string,
  { startScript, port }: { startScript: string; port: number },
): string[] {
  const problems: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length < 2) {
    problems.push(`expected a multi-stage build (>= 2 FROM), but got ${stages.length}`);
  }
  for (const stage of stages) {
    const tag = /^(?:.*\/)?[^/:@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(stage.image);
    if (!tag?.[1] || tag[1] === 'latest') {
      problems.push(`FROM ${stage.image}: base image must be pinned by a tag other than latest`);
    }
  }
  const all = stages.flatMap((s) => s.instructions);
  for (const ins of all) {
    if (ins.keyword === 'RUN' && /\bnpm\s+(install|i|add)\b/.test(ins.args)) {
      problems.push(`RUN ${ins.args}: use npm ci (lockfile-exact), not npm install`);
    }
    if (/engine-strict(=|\s+)true/.test(ins.args)) {
      problems.push('engine-strict must stay off (yoga dependencies declare node >= 22)');
    }
  }
  for (const stage of stages) {
    const ciIndex = stage.instructions.findIndex(
      (i) => i.keyword === 'RUN' && /\bnpm\s+ci\b/.test(i.args),
    );
    const lockIndex = stage.instructions.findIndex(
      (i) => i.keyword === 'COPY' && i.args.includes('package-lock.json'),
    );
    if (ciIndex >= 0 && !(lockIndex >= 0 && lockIndex < ciIndex)) {
      problems.push(
        `stage ${stage.name ?? stage.image}: npm ci runs before package-lock.json is copied`,
      );
    }
  }
  const final = stages.at(-1);
  if (!final) return problems;
  const of = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);

  const user = of('USER').at(-1)?.args;
  const uid = user === undefined ? undefined : /^(\d+)(?::\d+)?$/.exec(user)?.[1];
  if (uid === undefined || Number(uid) === 0) {
    problems.push(
      `final stage must set a numeric non-root USER (OpenShift and runAsNonRoot need a number), but got: ${user ?? 'none'}`,
    );
  }
  const cmd = of('CMD').at(-1)?.args;
  let argv: unknown;
  try {
    argv = cmd === undefined ? undefined : JSON.parse(cmd);
  } catch {
    argv = undefined;
  }
  const expected = startScript.split(/\s+/);
  if (!Array.isArray(argv) || JSON.stringify(argv) !== JSON.stringify(expected)) {
    problems.push(
      `final stage CMD must be the exec form ${JSON.stringify(expected)} (node as PID 1 gets SIGTERM), but got: ${cmd ?? 'none'}`,
    );
  }
  const entrypoint = of('ENTRYPOINT').at(-1)?.args;
  if (entrypoint !== undefined && !entrypoint.startsWith('[')) {
    problems.push(`ENTRYPOINT in shell form wraps node in /bin/sh: ${entrypoint}`);
  }
  // Production dependencies come from an earlier stage that runs `npm ci --omit=dev`; the final
  // stage runs no npm at all and removes it (nothing runs npm at run time).
  const prodOnly = (i: Instruction) =>
    i.keyword === 'RUN' &&
    /\bnpm\s+ci\b/.test(i.args) &&
    /--omit[= ]dev|--production\b/.test(i.args);
  const depsStages = stages
    .slice(0, -1)
    .filter((s) => s.name !== undefined && s.instructions.some(prodOnly))
    .map((s) => s.name!);
  const nodeModulesFrom = of('COPY')
    .map((i) => /^--from=(\S+)\s+\S*\bnode_modules\b/.exec(i.args)?.[1])
    .find((from) => from !== undefined);
  if (nodeModulesFrom === undefined || !depsStages.includes(nodeModulesFrom)) {
    problems.push(
      'final stage must install production dependencies only: copy node_modules from a stage that runs npm ci --omit=dev',
    );
  }
  const npmRuns = of('RUN').filter((i) => /\bnpm\b(?!-)/.test(i.args.replace(/\S*\/npm\b/g, '')));
  for (const run of npmRuns) {
    problems.push(
      `final stage must not run npm (install dependencies in an earlier stage): RUN ${run.args}`,
    );
  }
  if (!of('RUN').some((i) => /\brm\b[^&;]*\/usr\/local\/lib\/node_modules\/npm\b/.test(i.args))) {
    problems.push('final stage must remove npm (rm -rf /usr/local/lib/node_modules/npm ...)');
  }
  if (!of('ENV').some((i) => /\bNODE_ENV=production\b/.test(i.args))) {
    problems.push('final stage must set ENV NODE_ENV=production');
  }
  if (!of('EXPOSE').some((i) => i.args.split(/\s+/).includes(String(port)))) {
    problems.push(`final stage must EXPOSE ${port}`);
  }
  const copies = of('COPY').map((i) => i.args);
  const buildStages = stages.slice(0, -1).flatMap((s) => (s.name ? [s.name] : []));
  if (
    !copies.some((c) => buildStages.some((n) => c.startsWith(`--from=${n} `) && /\/dist\b/.test(c)))
  ) {
    problems.push('final stage must copy dist/ from a build stage');
  }
  if (!copies.some((c) => /^schema\b/.test(c))) {
    problems.push('final stage must copy schema/ (read at run time)');
  }
  const buildRuns = stages.slice(0, -1).flatMap((s) => s.instructions);
  if (!buildRuns.some((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args))) {
    problems.push('a build stage must run npm run build');
  }
  return problems;
}

/** Context paths the Dockerfile COPYs (no --from), which .dockerignore must not exclude. */
export function contextSources(text: string): string[] {
  return parseDockerfile(text)
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
    .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
}

/** The problems with a .dockerignore: what it must exclude, and what it must not. */
export function checkDockerignore(text: string, sources: readonly string[]): string[] {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const toRegExp = (p: string) =>
    new RegExp(
      `^${p
        .replace(/^\//, '')
        .replace(/\/$/, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')}(/.*)?$`,
    );
  const ignored = (path: string) =>
    patterns.reduce(
      (out, p) =>
        p.startsWith('!')
          ? toRegExp(p.slice(1)).test(path)
            ? false
            : out
          : toRegExp(p).test(path) || out,
      false,
    );
  const problems: string[] = [];
  for (const required of ['node_modules', '.git', 'dist']) {
    if (!ignored(required)) problems.push(`.dockerignore must exclude ${required}`);
  }
  for (const source of sources) {
    if (ignored(source.replace(/^\.\//, ''))) {
      problems.push(`.dockerignore excludes ${source}, which the Dockerfile copies`);
    }
  }
  return problems;
}
