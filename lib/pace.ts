// Long work in the page (reading text, checking replies, anchoring thousands of
// measures) gives the page its main thread back every few milliseconds, so no
// task of ours becomes a long task.

/** Tracks time spent since the last pause; `rest()` pauses and starts a new budget. */
export class Pacer {
  private start = performance.now();

  constructor(
    private readonly pause: () => Promise<void>,
    private readonly budgetMs = 8,
  ) {}

  /** True once more than the budget has passed since the last pause. */
  get due(): boolean {
    return performance.now() - this.start > this.budgetMs;
  }

  async rest(): Promise<void> {
    await this.pause();
    this.start = performance.now();
  }
}

/** Runs a generator to its end, pausing whenever the budget is spent; resolves to its return value. */
export async function drainPaced<R>(steps: Iterator<unknown, R>, pause: () => Promise<void>, budgetMs = 8): Promise<R> {
  const pacer = new Pacer(pause, budgetMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (pacer.due) await pacer.rest();
  }
}
