import { useApi } from '../api.js';
import { Cid, Loaded, Link, Facts, Actor, Fil } from '../ui.jsx';
import { MessageTable } from './MessageTable.jsx';
import { num, time, ago } from '../format.js';

export function Tipset({ height }) {
  const valid = /^\d{1,12}$/.test(height);
  const res = useApi(valid ? `/api/v1/tipsets/${height}` : null);
  const h = Number(height);
  if (!valid) {
    return <section class="notice error" role="alert"><h1>Not a height</h1><p>“{height}” is not a chain epoch (a whole number).</p></section>;
  }
  return (
    <Loaded res={res} what={`tipset ${height}`}>
      {(t) => (
        <div>
          <nav class="prevnext">
            {h > 0 && <Link href={`/tipset/${h - 1}`} rel="prev">← {num(h - 1)}</Link>}
            <Link href={`/tipset/${h + 1}`} rel="next">{num(h + 1)} →</Link>
          </nav>
          <h1>Tipset {num(t.height)} {t.nullRound && <span class="tag null" id="null-round">null round</span>}</h1>
          {t.nullRound ? (
            <p class="notice" id="null-round-note">No block was mined at height {num(t.height)}: this epoch is a null round.
              Its messages, if any, are executed in the next tipset.</p>
          ) : (
            <>
              <Facts rows={[
                ['Time', t.timestamp ? <span>{time(t.timestamp)} <span class="muted">({ago(t.timestamp)})</span></span> : undefined],
                ['Messages', num(t.messageCount)],
                ['Parent base fee', <Fil atto={t.parentBaseFee} />],
                ['Tipset key', <ul class="plain">{(t.cids || []).map((c) => <li key={c}><Cid cid={c} kind="block" shorten={false} /></li>)}</ul>],
              ]} />
              <h2>Blocks ({t.blocks.length})</h2>
              <div class="scroll">
                <table class="list" id="blocks">
                  <thead><tr><th>Block</th><th>Miner</th><th class="num">Messages</th><th class="num">Win count</th></tr></thead>
                  <tbody>
                    {t.blocks.map((b) => (
                      <tr key={b.cid}>
                        <td><Cid cid={b.cid} kind="block" /></td>
                        <td><Actor actor={b.miner} /></td>
                        <td class="num">{num(b.messageCount)}</td>
                        <td class="num">{num(b.winCount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h2>Messages</h2>
              <MessageTable base={`/api/v1/messages?height=${t.height}`} showHeight={false} />
            </>
          )}
        </div>
      )}
    </Loaded>
  );
}
