import { useApi } from '../api.js';
import { Actor, Cid, Fil, Exit, Loaded, Pager, usePages, Link } from '../ui.jsx';
import { num } from '../format.js';

/** One page of GET /api/v1/messages (or a contract's messages) with cursor paging. */
export function MessageTable({ base, limit = 25, showHeight = true, label = 'messages' }) {
  const pages = usePages();
  const sep = base.includes('?') ? '&' : '?';
  const path = `${base}${sep}limit=${limit}${pages.cursor ? '&cursor=' + encodeURIComponent(pages.cursor) : ''}`;
  const res = useApi(path);
  return (
    <Loaded res={res} what={label}>
      {(d) => (
        <div>
          {d.items.length === 0 ? <p class="muted">No {label}.</p> : (
            <div class="scroll">
              <table class="list">
                <thead>
                  <tr>
                    <th>Message</th>{showHeight && <th>Height</th>}<th>Method</th><th>From</th><th>To</th>
                    <th class="num">Value</th><th>Exit</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((m) => (
                    <tr key={m.cid}>
                      <td><Cid cid={m.cid} kind="message" />{m.implicit && <span class="tag" title="implicit: cron or reward, not in a block">implicit</span>}</td>
                      {showHeight && <td><Link href={`/tipset/${m.height}`}>{num(m.height)}</Link></td>}
                      <td>{m.methodName || m.method}</td>
                      <td><Actor actor={m.from} /></td>
                      <td><Actor actor={m.to} /></td>
                      <td class="num"><Fil atto={m.value} /></td>
                      <td><Exit code={m.exitCode} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager next={d.nextCursor} stack={pages.stack} onNext={() => pages.next(d.nextCursor)} onPrev={pages.prev} />
        </div>
      )}
    </Loaded>
  );
}
