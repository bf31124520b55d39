// `sim verify erlang-c | hypercube`: the real engine on a verification world against queueing theory
// (server/batch/verify.ts). Prints both figures; --json prints one object.
import { InvalidArgumentError, type Command } from 'commander';

const positive = (v: string): number => {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number.');
  return n;
};
const count = (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
};

interface ErlangOptions { lambdaPerHour: number; serviceMinutes: number; units: number; calls: number; seed: number; json?: boolean }
interface HypercubeOptions { calls: number; seed: number; json?: boolean }

export function registerVerifyCommand(program: Command): void {
  const verify = program.command('verify').description('check the engine against queueing theory (Erlang C, Larson\'s hypercube)');
  verify
    .command('erlang-c')
    .description('one station with c identical units, Poisson calls, exponential service, no turnout or travel: P(wait) and mean wait against Erlang C')
    .requiredOption('--lambda-per-hour <l>', 'calls per hour', positive)
    .requiredOption('--service-minutes <s>', 'mean service time, minutes', positive)
    .requiredOption('--units <c>', 'identical units at the station', count)
    .option('--calls <n>', 'calls to simulate', count, 50_000)
    .option('--seed <n>', 'random seed', count, 1)
    .option('--json', 'print one JSON object')
    .action(async (o: ErlangOptions) => {
      const { checkErlangC } = await import('../batch/verify.ts');
      const r = checkErlangC(o.lambdaPerHour, o.serviceMinutes, o.units, o.calls, o.seed);
      const out = { simulated: { pWait: r.simulated.pWait, meanWaitMinutes: r.simulated.meanWaitMinutes }, theory: { pWait: r.theory.pWait, meanWaitMinutes: r.theory.meanWaitMinutes }, calls: r.simulated.calls, utilisation: r.theory.utilisation, standardErrors: { pWait: r.simulated.pWaitSE, meanWaitMinutes: r.simulated.meanWaitSE } };
      if (o.json) { process.stdout.write(`${JSON.stringify(out, null, 2)}\n`); return; }
      process.stdout.write(
        `M/M/${o.units}, λ = ${o.lambdaPerHour}/h, mean service ${o.serviceMinutes} min (ρ = ${out.utilisation.toFixed(3)}), ${out.calls} calls\n` +
        `  P(wait)            simulated ${out.simulated.pWait.toFixed(4)}   Erlang C ${out.theory.pWait.toFixed(4)}\n` +
        `  mean wait (min)    simulated ${out.simulated.meanWaitMinutes.toFixed(4)}   Erlang C ${out.theory.meanWaitMinutes.toFixed(4)}\n`,
      );
    });
  verify
    .command('hypercube')
    .description("Larson & Odoni's three-unit example (λ = 1.5, μ = 1): simulated workloads against the exact hypercube model")
    .option('--calls <n>', 'calls to simulate', count, 50_000)
    .option('--seed <n>', 'random seed', count, 1)
    .option('--json', 'print one JSON object')
    .action(async (o: HypercubeOptions) => {
      const { checkHypercube } = await import('../batch/verify.ts');
      const r = checkHypercube(o.calls, 60, o.seed);
      if (o.json) { process.stdout.write(`${JSON.stringify(r, null, 2)}\n`); return; }
      process.stdout.write(`Hypercube, 3 units, λ = 1.5, μ = 1, ${r.simulated.calls} calls: workloads\n`);
      r.theory.workloads.forEach((w, i) => process.stdout.write(`  unit ${i + 1}   simulated ${r.simulated.workloads[i]!.toFixed(4)}   exact ${w.toFixed(4)}\n`));
    });
}
