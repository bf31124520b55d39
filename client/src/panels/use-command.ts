// Sends a command and keeps what the panel shows meanwhile: busy, and the refusal in the engine's own
// words when the command cannot apply (the state is unchanged then).
import { useCallback, useState } from 'react';
import type { CommandInput, CommandResult } from '../../../shared/commands.ts';
import { useBoard } from '../board-context.tsx';

export function useCommand(): { run(c: CommandInput): Promise<CommandResult | undefined>; busy: boolean; error?: string; clear(): void } {
  const { actions } = useBoard();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(
    async (c: CommandInput) => {
      setBusy(true);
      setError(undefined);
      try {
        const r = await actions.command(c);
        if (!r.ok) setError(r.error.message);
        return r;
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [actions],
  );
  return { run, busy, error, clear: () => setError(undefined) };
}
