import { useRef } from 'preact/hooks';
import { useApi, seg } from '../api.js';
import { Cid, Loaded, Link, Facts, Actor, Fil, Exit, Json, CopyButton } from '../ui.jsx';
import { num, time, exitCode } from '../format.js';

export function Message({ cid }) {
  const res = useApi(`/api/v1/messages/${seg(cid)}`);
  return (
    <Loaded res={res} what={`message ${cid}`}>
      {(m) => <MessageView m={m} />}
    </Loaded>
  );
}

function MessageView({ m }) {
  if (m.executed === false) {
    return <UnexecutedView m={m} />;
  }
  const failed = m.exitCode !== 0;
  return (
    <div>
      <h1>Message {m.implicit && <span class="tag" id="implicit-mark" title="executed by the system (cron, reward), not included in a block">implicit</span>}
        {failed && <span class="tag bad" id="failed-mark">failed</span>}</h1>
      <p class="mono wrap" id="message-cid">{m.cid} <CopyButton text={m.cid} label="message CID" /></p>
      <Facts rows={[
        ...whereAndWho(m),
        ['Method', <span id="message-method">{m.methodName ? `${m.methodName} (${m.method})` : m.method}</span>],
        ['Exit code', <span id="message-exit"><Exit code={m.exitCode} /> <span class="muted">{exitCode(m.exitCode).meaning}</span></span>],
        m.error ? ['Error', <span class="bad">{m.error}</span>] : undefined,
        ['Nonce', num(m.nonce)],
        m.ethHash ? ['Ethereum hash', <span class="mono wrap">{m.ethHash} <CopyButton text={m.ethHash} label="Ethereum hash" /></span>] : undefined,
        ['Included in', m.blockCids?.length ? <ul class="plain">{m.blockCids.map((b) => <li key={b}><Cid cid={b} kind="block" /></li>)}</ul> : <span class="muted">no block (implicit)</span>],
      ]} />
      <h2>Gas</h2>
      <Facts rows={[
        ['Gas used / limit', `${num(m.gasUsed)} / ${num(m.gasLimit)}`],
        ['Fee cap', <Fil atto={m.gasFeeCap} />],
        ['Premium', <Fil atto={m.gasPremium} />],
        ['Base fee burn', <Fil atto={m.baseFeeBurn} />],
        ['Over-estimation burn', <Fil atto={m.overEstimationBurn} />],
        ['Miner tip', <Fil atto={m.minerTip} />],
        ['Refund', <Fil atto={m.refund} />],
        ['Total cost', <Fil atto={m.totalCost} />],
      ]} />
      <h2>Parameters</h2>
      <Json value={m.paramsDecoded ?? m.params} />
      <h2>Return</h2>
      <Json value={m.returnDecoded ?? m.return} />
      <SubcallTree cid={m.cid} count={m.subcallCount} />
      <Events cid={m.cid} count={m.eventCount} />
    </div>
  );
}

// The rows every message has, executed or not: where it sits and who moved what.
function whereAndWho(m) {
  return [
    ['Height', <Link href={`/tipset/${m.height}`}>{num(m.height)}</Link>],
    ['Time', m.timestamp ? time(m.timestamp) : undefined],
    ['From', <Actor actor={m.from} full />],
    ['To', <Actor actor={m.to} full />],
    ['Value', <span id="message-value"><Fil atto={m.value} /></span>],
  ];
}

// Included by its blocks but skipped by the tipset (its nonce was already used): no receipt, gas or trace.
function UnexecutedView({ m }) {
  return (
    <div>
      <h1>Message <span class="tag bad" id="unexecuted-mark" title="included in a block, never executed: an earlier message of the tipset had used its nonce">not executed</span></h1>
      <p class="mono wrap" id="message-cid">{m.cid} <CopyButton text={m.cid} label="message CID" /></p>
      <Facts rows={[
        ...whereAndWho(m),
        ['Method', <span id="message-method">{m.method}</span>],
        ['Execution', <span id="message-exit" class="muted">not executed: no receipt</span>],
        ['Nonce', num(m.nonce)],
        ['Gas limit', num(m.gasLimit)],
        ['Fee cap', <Fil atto={m.gasFeeCap} />],
        ['Premium', <Fil atto={m.gasPremium} />],
        ['Included in', <ul class="plain">{m.blockCids.map((b) => <li key={b}><Cid cid={b} kind="block" /></li>)}</ul>],
      ]} />
      <h2>Parameters</h2>
      <Json value={m.params} />
    </div>
  );
}

function SubcallTree({ cid, count }) {
  const res = useApi(`/api/v1/messages/${seg(cid)}/subcalls`);
  const root = useRef(null);
  const setAll = (open) => root.current?.querySelectorAll('details').forEach((d) => { d.open = open; });
  return (
    <section>
      <h2>Sub-calls {count !== undefined && <span class="muted">({num(count)})</span>}</h2>
      <Loaded res={res} what="sub-calls">
        {(t) => {
          if (t.subcallsAvailable === false) return <p class="muted">Sub-calls were not recorded for this height (the node had no StateCompute).</p>;
          if (!t.subcalls?.length) return <p class="muted">This message made no sub-calls.</p>;
          return (
            <div>
              <div class="toolbar">
                <button type="button" onClick={() => setAll(true)}>Expand all</button>
                <button type="button" onClick={() => setAll(false)}>Collapse all</button>
              </div>
              <ul class="tree" id="subcall-tree" ref={root}>
                {t.subcalls.map((c) => <Call key={c.index} c={c} />)}
              </ul>
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}

function Call({ c }) {
  const kids = c.subcalls || [];
  return (
    <li class="call" data-index={c.index} data-depth={c.depth}>
      <details open={c.depth < 2}>
        <summary>
          <span class="method">{c.methodName || `method ${c.method}`}</span>{' '}
          <Actor actor={c.from} /> → <Actor actor={c.to} />{' '}
          {c.value && c.value !== '0' && <Fil atto={c.value} />}{' '}
          <Exit code={c.exitCode} />
          {kids.length > 0 && <span class="muted"> · {kids.length} sub-call{kids.length > 1 ? 's' : ''}</span>}
        </summary>
        <div class="calldetail">
          <Facts rows={[
            ['Gas used', num(c.gasUsed)],
            ['Params', <Json value={c.paramsDecoded ?? c.params} />],
            ['Return', <Json value={c.returnDecoded ?? c.return} />],
          ]} />
          {kids.length > 0 && <ul class="tree">{kids.map((k) => <Call key={k.index} c={k} />)}</ul>}
        </div>
      </details>
    </li>
  );
}

function Events({ cid, count }) {
  const res = useApi(`/api/v1/messages/${seg(cid)}/events`);
  return (
    <section>
      <h2>Events {count !== undefined && <span class="muted">({num(count)})</span>}</h2>
      <Loaded res={res} what="events">
        {(d) => (d.items.length === 0 ? <p class="muted">No events.</p> : (
          <ol class="events" id="events">
            {d.items.map((e) => (
              <li key={e.index}>
                <Actor actor={e.emitter} /> {e.reverted && <span class="tag bad">reverted</span>}
                <Json value={e.topics || e.entries ? { topics: e.topics, data: e.data, entries: e.entries } : e} />
              </li>
            ))}
          </ol>
        ))}
      </Loaded>
    </section>
  );
}
