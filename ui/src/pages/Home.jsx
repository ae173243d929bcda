import { useApi } from '../api.js';
import { Cid, Loaded, Link, Fil, Actor, Exit } from '../ui.jsx';
import { num, ago } from '../format.js';

const REFRESH_MS = 10000;

export function Home() {
  const status = useApi('/api/v1/status', { refreshMs: REFRESH_MS });
  const tipsets = useApi('/api/v1/tipsets?limit=10', { refreshMs: REFRESH_MS });
  const latest = tipsets.data?.items?.find((t) => !t.nullRound && t.messageCount > 0);
  const messages = useApi(latest ? `/api/v1/messages?height=${latest.height}&implicit=false&limit=10` : null,
    { refreshMs: REFRESH_MS });
  return (
    <div>
      <section class="stats" aria-label="indexing">
        <Loaded res={status} what="status">
          {(s) => (
            <>
              <Stat label="Head" value={num(s.head)} id="stat-head" />
              <Stat label="Indexed height" value={num(s.indexedHeight)} id="stat-indexed" />
              <Stat label="Lag" value={s.lag === null || s.lag === undefined ? '—' : `${num(s.lag)} epochs`} id="stat-lag" />
              <Stat label="Gaps" value={num(s.gaps)} id="stat-gaps" />
            </>
          )}
        </Loaded>
      </section>
      <div class="columns">
        <section>
          <h2>Latest tipsets</h2>
          <Loaded res={tipsets} what="tipsets">
            {(d) => (
              <div class="scroll"><table class="list" id="latest-tipsets">
                <thead><tr><th>Height</th><th>Blocks</th><th class="num">Messages</th><th>Time</th></tr></thead>
                <tbody>
                  {d.items.map((t) => (
                    <tr key={t.height}>
                      <td><Link href={`/tipset/${t.height}`}>{num(t.height)}</Link></td>
                      <td>{t.nullRound ? <span class="tag">null round</span> : (t.blockCount ?? t.cids?.length ?? '')}</td>
                      <td class="num">{t.nullRound ? '' : num(t.messageCount)}</td>
                      <td class="muted">{ago(t.timestamp)}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            )}
          </Loaded>
        </section>
        <section>
          <h2>Latest messages{latest && <span class="muted"> at {num(latest.height)}</span>}</h2>
          {latest ? (
            <Loaded res={messages} what="messages">
              {(d) => (
                <div class="scroll"><table class="list" id="latest-messages">
                  <thead><tr><th>Message</th><th>Method</th><th>From → To</th><th class="num">Value</th><th>Exit</th></tr></thead>
                  <tbody>
                    {d.items.map((m) => (
                      <tr key={m.cid}>
                        <td><Cid cid={m.cid} kind="message" /></td>
                        <td>{m.methodName || m.method}</td>
                        <td><Actor actor={m.from} /> → <Actor actor={m.to} /></td>
                        <td class="num"><Fil atto={m.value} /></td>
                        <td><Exit code={m.exitCode} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table></div>
              )}
            </Loaded>
          ) : <p class="muted">No messages indexed yet.</p>}
        </section>
      </div>
    </div>
  );
}

function Stat({ label, value, id }) {
  return (
    <div class="stat">
      <div class="muted">{label}</div>
      <div class="big" id={id}>{value}</div>
    </div>
  );
}
