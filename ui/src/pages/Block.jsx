import { useApi, seg } from '../api.js';
import { Cid, Loaded, Link, Facts, Actor, CopyButton } from '../ui.jsx';
import { MessageTable } from './MessageTable.jsx';
import { num, time } from '../format.js';

export function Block({ cid }) {
  const res = useApi(`/api/v1/blocks/${seg(cid)}`);
  return (
    <Loaded res={res} what={`block ${cid}`}>
      {(b) => (
        <div>
          <h1>Block</h1>
          <p class="mono wrap">{b.cid} <CopyButton text={b.cid} label="block CID" /></p>
          <Facts rows={[
            ['Height', <Link href={`/tipset/${b.height}`}>{num(b.height)}</Link>],
            ['Miner', <Actor actor={b.miner} full />],
            ['Time', time(b.timestamp)],
            ['Win count', num(b.winCount)],
            ['Messages', num(b.messageCount)],
            ['Parent weight', num(b.parentWeight)],
            ['Parent state root', <Cid cid={b.parentStateRoot} shorten={false} />],
            ['Parents', <ul class="plain">{(b.parents || []).map((p) => <li key={p}><Cid cid={p} kind="block" shorten={false} /></li>)}</ul>],
          ]} />
          <h2>Messages</h2>
          <MessageTable base={`/api/v1/messages?block=${seg(b.cid)}`} showHeight={false} />
        </div>
      )}
    </Loaded>
  );
}
