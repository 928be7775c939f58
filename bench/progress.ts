// One progress line: rows written, throughput and the time left. On a terminal it redraws in
// place; in a log it prints a line every five seconds.
export class Progress {
  private rows = 0;
  private name = "";
  private readonly started = performance.now();
  private last = 0;
  private readonly tty = process.stderr.isTTY;

  constructor(private readonly total: number) {}

  phase(name: string) {
    this.name = name;
    this.draw(true);
  }

  add(rows: number) {
    this.rows += rows;
    this.draw(false);
  }

  done() {
    this.draw(true);
    if (this.tty) process.stderr.write("\n");
  }

  private draw(force: boolean) {
    const now = performance.now();
    if (!force && now - this.last < (this.tty ? 250 : 5_000)) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const rate = this.rows / Math.max(seconds, 0.001);
    const share = Math.min(1, this.rows / this.total);
    const left = rate > 0 ? Math.max(0, (this.total - this.rows) / rate) : 0;
    const width = 24;
    const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
    const text = `[${bar}] ${(share * 100).toFixed(1).padStart(5)} %  ${Math.round(this.rows).toLocaleString("en")} rows  ${Math.round(rate).toLocaleString("en")} rows/s  ETA ${formatSeconds(left)}  elapsed ${formatSeconds(seconds)}  ${this.name}`;
    process.stderr.write(this.tty ? `\r${text}\x1b[K` : `${text}\n`);
  }
}

const formatSeconds = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
