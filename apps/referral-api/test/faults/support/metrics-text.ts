/** The sum of the samples of `name` whose labels include `labels`, in Prometheus text; 0 when none. */
export function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return metrics
    .split('\n')
    .filter((line) => {
      const rest = line.startsWith(name) ? line.slice(name.length) : '';
      return (rest.startsWith(' ') || rest.startsWith('{')) && wanted.every((w) => rest.includes(w));
    })
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
