import { useEffect, useState } from 'preact/hooks';
import { api, useApi, seg } from '../api.js';
import { Loaded, Loading, Link, Facts, CopyButton, Fil } from '../ui.jsx';
import { MessageTable } from './MessageTable.jsx';
import { LineChart } from '../chart.jsx';
import { num, fil } from '../format.js';
import { navigate } from '../router.js';

const FORMS = [['id', 'ID'], ['robust', 'Robust'], ['delegated', 'Delegated (f410)'], ['eth', 'Ethereum']];

export function Address({ address }) {
  const res = useApi(`/api/v1/addresses/${seg(address)}`);
  // every form of a known actor leads to one page: the one of its ID address
  useEffect(() => {
    const a = res.data;
    if (a && a.valid && a.known && a.id && a.id !== address) navigate(`/address/${seg(a.id)}`, { replace: true });
  }, [res.data, address]);
  return (
    <Loaded res={res} what={`address ${address}`}>
      {(a) => (a.valid ? <AddressView a={a} /> : <InvalidAddress a={a} />)}
    </Loaded>
  );
}

function InvalidAddress({ a }) {
  return (
    <section class="notice error" role="alert" id="invalid-address">
      <h1>Not a valid address</h1>
      <p class="mono wrap">{a.input}</p>
      <p id="address-error">{a.error}</p>
      {a.errorKind && <p class="muted">({a.errorKind})</p>}
      <p class="muted">Filecoin addresses look like f01234 (ID), f1…/f2…/f3… (robust), f410f… (delegated) or 0x… (Ethereum, 20 bytes); test networks use t instead of f.</p>
    </section>
  );
}

function AddressView({ a }) {
  const main = a.id || a.robust || a.delegated || a.eth || a.input;
  return (
    <div>
      <h1>Address <span class="mono" id="address-main">{main}</span></h1>
      {!a.known && <p class="notice">This address is valid, but no indexed actor has it{a.lookupError ? ` (${a.lookupError})` : ''}.</p>}
      <table class="forms" id="address-forms">
        <tbody>
          {FORMS.filter(([k]) => a[k]).map(([k, label]) => (
            <tr key={k} data-form={k}>
              <th scope="row">{label}</th>
              <td class="mono wrap">{a[k]}</td>
              <td><CopyButton text={a[k]} label={`${label} address`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Facts rows={[
        ['Network', a.network],
        ['Protocol', `${a.protocol} (${a.protocolName})`],
        a.actorType ? ['Actor type', <span id="actor-type">{a.actorType}</span>] : undefined,
        a.codeCid ? ['Code CID', <span class="mono wrap">{a.codeCid}</span>] : undefined,
      ]} />
      {a.actorType === 'evm' && <p><Link href={`/contract/${seg(main)}`} id="contract-link">Contract page: bytecode, ABI, verification →</Link></p>}
      {a.known && <Balance address={main} />}
      {a.known && (
        <section>
          <h2>Messages</h2>
          <MessageTable base={`/api/v1/messages?address=${seg(main)}`} />
        </section>
      )}
    </div>
  );
}

// Balance changes charted: every page of /history up to MAX_CHANGES, oldest first.
const MAX_CHANGES = 1000;

function useHistory(address) {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ loading: true });
    (async () => {
      const items = [];
      let cursor = null;
      do {
        const page = await api(`/api/v1/actors/${seg(address)}/history?limit=500${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`,
          { signal: ctl.signal });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < MAX_CHANGES);
      setState({ items, more: Boolean(cursor) });
    })().catch((error) => error.name !== 'AbortError' && setState({ error }));
    return () => ctl.abort();
  }, [address]);
  return state;
}

/** FIL as a float for drawing only: exact amounts stay BigInt and go into the labels. */
const drawn = (atto) => Number(BigInt(atto) / 10n ** 12n) / 1e6;
const exact = (atto) => `${fil(atto)} (${atto} attoFIL)`;

function Balance({ address }) {
  const now = useApi(`/api/v1/actors/${seg(address)}/balance`);
  const history = useHistory(address);
  let body;
  if (now.loading || history.loading) {
    body = <Loading what="balance history" />;
  } else if (now.error?.status === 404) {
    // no snapshot was read for this actor: its balance has no starting point
    body = <p class="muted" id="balance-none">No balance history: {now.error.message}</p>;
  } else if (now.error || history.error) {
    const e = now.error || history.error;
    body = <p class="notice error" role="alert" id="balance-error">The balance history could not be loaded: {e.message}</p>;
  } else {
    body = <BalanceView now={now.data} items={history.items} more={history.more} />;
  }
  return (
    <section id="balance">
      <h2>Balance</h2>
      {body}
    </section>
  );
}

function BalanceView({ now, items, more }) {
  const known = items.filter((h) => h.balance !== null && h.balance !== undefined);
  const points = known.map((h) => ({ x: Number(h.height), y: drawn(h.balance), label: `height ${num(h.height)}: ${exact(h.balance)}` }));
  if (points.length === 0 || points[points.length - 1].x < Number(now.height)) {
    points.push({ x: Number(now.height), y: drawn(now.balance), label: `height ${num(now.height)} (latest): ${exact(now.balance)}` });
  }
  return (
    <div>
      <p class="big" id="balance-now"><Fil atto={now.balance} /> <span class="muted">after height {num(now.height)}, nonce {num(now.nonce)}</span></p>
      {!now.source.complete && <p class="notice">Incomplete: some changes were indexed without the node's execution traces (degraded mode), so sub-call transfers are missing.</p>}
      {items.length === 0
        ? <p class="muted" id="balance-empty">No balance changes since height {num(now.source.snapshotHeight)}, where this actor's balance was first read.</p>
        : <LineChart id="balance-chart" points={points} title="Balance (FIL) after each change, by height" formatX={num} formatY={(y) => `${y.toLocaleString('en-US', { maximumFractionDigits: 6 })} FIL`} step />}
      {more && <p class="muted">The first {num(items.length)} changes are shown.</p>}
      {items.length > 0 && (
        <details id="balance-changes">
          <summary>Changes ({num(items.length)})</summary>
          <div class="scroll">
            <table class="list">
              <thead><tr><th>Height</th><th class="num">Change</th><th class="num">Balance after</th><th class="num">Messages</th></tr></thead>
              <tbody>
                {items.slice().reverse().map((h) => (
                  <tr key={h.height} data-height={h.height}>
                    <td><Link href={`/tipset/${h.height}`}>{num(h.height)}</Link>{!h.complete && <span class="tag" title="sub-call transfers unknown (degraded mode)">incomplete</span>}</td>
                    <td class="num delta"><Fil atto={h.delta} /></td>
                    <td class="num after">{h.balance === null ? <span class="muted">—</span> : <Fil atto={h.balance} />}</td>
                    <td class="num">{num((h.messages || []).length)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
