// A small SVG line chart (no library): points [{x, y, label}], x ascending. Values are for
// drawing only; exact numbers stay in the labels (each point's tooltip). `step`: the value holds
// until the next point (a balance), drawn as steps instead of slopes.
export function LineChart({ points, title, id, height = 160, formatY = String, formatX = String, step = false }) {
  if (!points || points.length === 0) return <p class="muted">No data yet for {title}.</p>;
  const W = 600;
  const H = height;
  const pad = { l: 8, r: 8, t: 10, b: 18 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(...ys) || 1;
  const sx = (x) => pad.l + (x1 === x0 ? (W - pad.l - pad.r) / 2 : ((x - x0) / (x1 - x0)) * (W - pad.l - pad.r));
  const sy = (y) => H - pad.b - ((y - y0) / (y1 - y0 || 1)) * (H - pad.t - pad.b);
  const d = points.map((p, i) => {
    const x = sx(p.x).toFixed(1);
    const y = sy(p.y).toFixed(1);
    return i === 0 ? `M${x},${y}` : step ? `H${x} V${y}` : `L${x},${y}`;
  }).join(' ');
  return (
    <figure class="chart" id={id}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} preserveAspectRatio="none">
        <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} class="axis" />
        <path d={d} class="line" />
        {points.map((p, i) => (
          <circle key={i} data-x={p.x} cx={sx(p.x)} cy={sy(p.y)} r="3" class="dot"><title>{p.label || `${formatX(p.x)}: ${formatY(p.y)}`}</title></circle>
        ))}
      </svg>
      <figcaption class="muted">{title}: {formatX(x0)} – {formatX(x1)}, max {formatY(Math.max(...ys))}</figcaption>
    </figure>
  );
}
