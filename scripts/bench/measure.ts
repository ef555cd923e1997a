/**
 * Runs one build as a child process and measures it:
 * - wall time, from spawn to exit;
 * - CPU time (user + sys) of the whole process tree: the command runs under a
 *   small Perl wrapper that makes itself the "child subreaper" of the tree
 *   (prctl PR_SET_CHILD_SUBREAPER), waits until every descendant has exited,
 *   orphans included, and reports its children's CPU time (Linux adds each
 *   reaped process' own reaped children to it). Orphans matter: Pagefind's
 *   indexer is a child process that the build kills and does not wait for, so
 *   its CPU time would be lost otherwise. Without Perl, `bash -c … ; times`
 *   is used, which misses orphans;
 * - peak RSS of the whole process tree: every 100 ms, the VmRSS of every
 *   descendant (found through /proc/<pid>/stat's ppid) is summed; the peak is
 *   the largest sum, or the largest single VmHWM if that is higher (a
 *   short-lived spike between two samples of one process is seen that way).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Measure {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  exitCode: number | null;
  /** False when the CPU time may miss processes orphaned by the build (no Perl, or no subreaper support). */
  orphansCounted: boolean;
  /** Every line the command wrote on stdout. */
  stdout: string;
}

/** Parent pid of every process on the machine. */
function parentsOfAll(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ', 2)[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  return children;
}

function treeOf(root: number): number[] {
  const children = parentsOfAll();
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** VmRSS and VmHWM of a process, in kB (0 when it is gone). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    const hwm = /VmHWM:\s+(\d+)/.exec(status);
    return { rss: rss ? Number(rss[1]) : 0, hwm: hwm ? Number(hwm[1]) : 0 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** The wrapper: `perl -e WRAPPER <times file> <command> <args…>`. */
const WRAPPER = `
use strict; use warnings; use POSIX ();
my $out = shift @ARGV;
my %prctl = (x86_64 => 157, aarch64 => 167);
my $arch = (POSIX::uname())[4];
my $subreaper = exists $prctl{$arch} ? syscall($prctl{$arch}, 36, 1, 0, 0, 0) == 0 : 0;
my $pid = fork() // die "fork: $!";
if ($pid == 0) { exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"; }
my $status = 0;
while ((my $w = waitpid(-1, 0)) > 0) { $status = $? if $w == $pid; }
my (undef, undef, $cuser, $csys) = times;
open my $fh, '>', $out or die "$out: $!";
print $fh "perl $cuser $csys ", ($subreaper ? 1 : 0), "\n";
close $fh;
exit($status & 127 ? 128 + ($status & 127) : $status >> 8);
`;

let perlAvailable: boolean | undefined;
function hasPerl(): boolean {
  perlAvailable ??= spawnSync('perl', ['-e', '1'], { stdio: 'ignore' }).status === 0;
  return perlAvailable;
}

const parseTimes = (s: string) => {
  const m = /(\d+)m([\d.]+)s/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/**
 * Runs `command args…` in `cwd` with `env`, writing its output to `logFile`.
 * Resolves when it exits, whatever its exit code.
 */
export async function measure(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; intervalMs?: number }): Promise<Measure> {
  const timesFile = `${options.logFile}.times`;
  rmSync(timesFile, { force: true });
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const [wrapper, wrapperArgs] = hasPerl()
    ? ['perl', ['-e', WRAPPER, timesFile, command, ...args]]
    : ['bash', ['-c', '"$@"; status=$?; times > "$BENCH_TIMES_FILE"; exit $status', 'bench', command, ...args]];
  const child = spawn(wrapper, wrapperArgs, {
    cwd: options.cwd,
    env: { ...options.env, BENCH_TIMES_FILE: timesFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    log.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => log.write(chunk));

  let peakKB = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    let sum = 0;
    for (const pid of treeOf(child.pid)) {
      const { rss, hwm } = memoryOf(pid);
      sum += rss;
      if (hwm > peakKB) peakKB = hwm;
    }
    if (sum > peakKB) peakKB = sum;
  };
  const timer = setInterval(sample, options.intervalMs ?? 100);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await new Promise<void>((resolve) => log.end(resolve));

  let cpuSeconds = NaN;
  let orphansCounted = false;
  const text = existsSync(timesFile) ? readFileSync(timesFile, 'utf8').trim() : '';
  if (text.startsWith('perl ')) {
    const [, user, sys, subreaper] = text.split(/\s+/);
    cpuSeconds = Number(user) + Number(sys);
    orphansCounted = subreaper === '1';
  } else if (text) {
    // bash's times builtin: line 1, the shell itself; line 2, its children (the build and everything it waited for).
    const lines = text.split('\n');
    const [user, sys] = (lines[1] ?? '').trim().split(/\s+/).map(parseTimes);
    const [selfUser, selfSys] = (lines[0] ?? '').trim().split(/\s+/).map(parseTimes);
    cpuSeconds = (user ?? NaN) + (sys ?? NaN) + (selfUser ?? 0) + (selfSys ?? 0);
  }
  rmSync(timesFile, { force: true });
  return { wallSeconds, cpuSeconds, peakRssMB: peakKB / 1024, exitCode, stdout, orphansCounted };
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${path.resolve(file)})`;
  }
}
