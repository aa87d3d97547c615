/** Prints each figure beside its baseline, then the one JSON line other tools read. */
export function report(
  bench: string,
  rows: Array<{ label: string; value: number; unit: string; baseline: string }>,
  json: Record<string, number>,
): void {
  const width = Math.max(...rows.map((row) => row.label.length));
  console.log(`\n${bench} benchmark`);
  for (const row of rows) {
    const value =
      row.value >= 100 || Number.isInteger(row.value)
        ? Math.round(row.value).toLocaleString('en-US')
        : row.value.toFixed(2);
    console.log(
      `  ${row.label.padEnd(width)}  ${`${value} ${row.unit}`.padStart(18)}   baseline: ${row.baseline}`,
    );
  }
  console.log(JSON.stringify({ bench, ...json }));
}

/** Peak resident memory of this process (all threads), in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
