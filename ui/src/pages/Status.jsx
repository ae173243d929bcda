import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../api.js';
import { Loaded, Facts, Link } from '../ui.jsx';
import { LineChart } from '../chart.jsx';
import { num } from '../format.js';

const REFRESH_MS = 5000;

export function Status() {
  const res = useApi('/api/v1/status', { refreshMs: REFRESH_MS });
  // throughput as this page sees it: indexed heights between samples, per minute
  const [samples, setSamples] = useState([]);
  useEffect(() => {
    const s = res.data;
    if (!s || s.indexedHeight === null || s.indexedHeight === undefined) return;
    setSamples((prev) => [...prev, { t: Date.now(), h: Number(s.indexedHeight), lag: s.lag }].slice(-120));
  }, [res.data]);
  const throughput = samples.slice(1).map((p, i) => ({
    x: p.t, y: Math.max(0, ((p.h - samples[i].h) * 60000) / (p.t - samples[i].t)),
  }));
  const lag = samples.filter((p) => p.lag !== null && p.lag !== undefined).map((p) => ({ x: p.t, y: Number(p.lag) }));
  const clock = (t) => new Date(t).toLocaleTimeString();
  return (
    <div>
      <h1>Indexing status</h1>
      <Loaded res={res} what="status">
        {(s) => (
          <div>
            <Facts rows={[
              ['Mode', <span id="status-mode" class={s.mode === 'full' ? 'ok' : 'bad'}>{s.mode}{s.mode === 'degraded' ? ' (no StateCompute: sub-calls off)' : ''}</span>],
              ['Node head', num(s.head)],
              ['Indexed height', s.indexedHeight === null ? 'nothing yet' : <Link href={`/tipset/${s.indexedHeight}`}>{num(s.indexedHeight)}</Link>],
              ['Lag', s.lag === null || s.lag === undefined ? '—' : `${num(s.lag)} epochs`],
              ['Confidence window', `${num(s.confidence)} epochs`],
              ['Gaps', <span id="status-gaps">{num(s.gaps)}</span>],
              ['Last error', s.lastError ? <span class="bad">{s.lastError}</span> : <span class="muted">none</span>],
            ]} />
            {Array.isArray(s.walks) && s.walks.length > 0 && (
              <section>
                <h2>Walks</h2>
                <div class="scroll"><table class="list"><thead><tr><th>From</th><th>To</th><th>Next</th><th>Progress</th></tr></thead>
                  <tbody>{s.walks.map((w, i) => (
                    <tr key={i}><td>{num(w.from)}</td><td>{num(w.to)}</td><td>{num(w.next)}</td>
                      <td><progress max={w.to - w.from + 1} value={Math.max(0, (w.next ?? w.from) - w.from)} /></td></tr>
                  ))}</tbody>
                </table></div>
              </section>
            )}
            {Array.isArray(s.gapList) && s.gapList.length > 0 && (
              <section>
                <h2>Gaps</h2>
                <div class="scroll"><table class="list"><thead><tr><th>Height</th><th>Error</th></tr></thead>
                  <tbody>{s.gapList.map((g) => <tr key={g.height}><td>{num(g.height)}</td><td class="bad">{g.error || 'missing'}</td></tr>)}</tbody>
                </table></div>
              </section>
            )}
          </div>
        )}
      </Loaded>
      <section>
        <h2>Throughput</h2>
        <p class="muted">Measured by this page from the indexed height every {REFRESH_MS / 1000} s while it is open.</p>
        <LineChart id="throughput-chart" points={throughput} title="Heights indexed per minute" formatX={clock} formatY={(y) => y.toFixed(1)} />
        <LineChart id="lag-chart" points={lag} title="Lag behind the head (epochs)" formatX={clock} formatY={num} />
      </section>
    </div>
  );
}
