import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../api.js';
import { Loaded, Facts, Link } from '../ui.jsx';
import { LineChart } from '../chart.jsx';
import { num } from '../format.js';

const REFRESH_MS = 5000;

export function Status() {
  const res = useApi('/api/v1/status', { refreshMs: REFRESH_MS });
  // lag as this page sees it, sampled while it is open; throughput comes from the server's reports
  const [samples, setSamples] = useState([]);
  useEffect(() => {
    const s = res.data;
    if (!s || s.lag === null || s.lag === undefined) return;
    setSamples((prev) => [...prev, { x: Date.now(), y: Number(s.lag) }].slice(-120));
  }, [res.data]);
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
            <section>
              <h2>Walks</h2>
              {!s.walks?.length ? <p class="muted">No walk (backfill) registered.</p> : (
                <div class="scroll"><table class="list" id="walks"><thead><tr><th>From</th><th>To</th><th>Next</th><th>Progress</th></tr></thead>
                  <tbody>{s.walks.map((w) => {
                    const total = w.to - w.from + 1;
                    const done = Math.min(total, Math.max(0, w.next - w.from));
                    return (
                      <tr key={w.id}><td>{num(w.from)}</td><td>{num(w.to)}</td><td>{w.finished ? 'finished' : num(w.next)}</td>
                        <td><progress max={total} value={done} /> {Math.floor((done * 100) / total)}% queued</td></tr>
                    );
                  })}</tbody>
                </table></div>
              )}
            </section>
            <section>
              <h2>Failed heights</h2>
              {!s.failures?.length ? <p class="muted">None: every indexed height succeeded.</p> : (
                <div class="scroll"><table class="list" id="failures"><thead><tr><th>Height</th><th>When</th><th>Error</th></tr></thead>
                  <tbody>{s.failures.map((f) => <tr key={f.height}><td>{num(f.height)}</td><td class="muted">{f.at}</td><td class="bad">{f.error}</td></tr>)}</tbody>
                </table></div>
              )}
            </section>
            <section>
              <h2>Throughput</h2>
              <LineChart id="throughput-chart" title="Heights indexed per minute, last hour"
                points={(s.throughput || []).map((m) => ({ x: Date.parse(m.minute), y: m.heights }))}
                formatX={clock} formatY={num} />
            </section>
          </div>
        )}
      </Loaded>
      <section>
        <h2>Lag</h2>
        <p class="muted">Sampled by this page every {REFRESH_MS / 1000} s while it is open.</p>
        <LineChart id="lag-chart" points={samples} title="Lag behind the head (epochs)" formatX={clock} formatY={num} />
      </section>
    </div>
  );
}
