// A small line chart of two rates on a canvas: a fixed ring of samples (one a second, two minutes),
// redrawn at most once per animation frame and only while visible. Fixed memory, no DOM growth.

const CAPACITY = 120;

export class RatesChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.series = [new Float64Array(CAPACITY), new Float64Array(CAPACITY)];
    this.count = 0;
    this.head = 0; // index of the next write
    this.lastSecond = 0;
    this.pending = false;
    new ResizeObserver(() => this.schedule()).observe(canvas);
  }

  // Called for every overview message (up to 10 a second); keeps the newest value of each second.
  add(inRate, outRate) {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.lastSecond || this.count === 0) {
      this.lastSecond = second;
      this.head = (this.head + 1) % CAPACITY;
      this.count = Math.min(this.count + 1, CAPACITY);
    }
    const i = (this.head + CAPACITY - 1) % CAPACITY;
    this.series[0][i] = Number(inRate) || 0;
    this.series[1][i] = Number(outRate) || 0;
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      if (this.canvas.offsetParent !== null) this.draw();
    });
  }

  draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(this.canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(this.canvas.clientHeight * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    const ctx = this.canvas.getContext('2d');
    const style = getComputedStyle(this.canvas);
    const colors = [style.getPropertyValue('--chart-in').trim() || '#3b82f6',
                    style.getPropertyValue('--chart-out').trim() || '#16a34a'];
    const grid = style.getPropertyValue('--chart-grid').trim() || '#ccc';
    const text = style.getPropertyValue('--chart-text').trim() || '#333';
    ctx.clearRect(0, 0, w, h);

    let max = 1;
    for (const s of this.series) for (let k = 0; k < this.count; k++) max = Math.max(max, s[this.index(k)]);
    max = niceCeiling(max);

    const padLeft = 48 * dpr, padBottom = 4 * dpr, padTop = 8 * dpr;
    const plotW = w - padLeft - 4 * dpr, plotH = h - padTop - padBottom;
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.fillStyle = text;
    ctx.strokeStyle = grid;
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let g = 0; g <= 4; g++) {
      const y = padTop + plotH - (plotH * g) / 4;
      ctx.beginPath();
      ctx.moveTo(padLeft, Math.round(y) + 0.5);
      ctx.lineTo(w, Math.round(y) + 0.5);
      ctx.stroke();
      ctx.fillText(formatTick((max * g) / 4), padLeft - 6 * dpr, y);
    }
    ctx.lineWidth = 2 * dpr;
    this.series.forEach((s, n) => {
      if (this.count === 0) return;
      ctx.strokeStyle = colors[n];
      ctx.beginPath();
      for (let k = 0; k < this.count; k++) {
        const x = padLeft + (plotW * (CAPACITY - this.count + k)) / (CAPACITY - 1);
        const y = padTop + plotH - (plotH * s[this.index(k)]) / max;
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    });
  }

  // k-th oldest sample
  index(k) {
    return (this.head - this.count + k + CAPACITY) % CAPACITY;
  }
}

function niceCeiling(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function formatTick(v) {
  if (v >= 1000) return `${Math.round(v / 100) / 10}k`;
  return String(Math.round(v * 10) / 10);
}
