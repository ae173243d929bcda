import { render } from 'preact';
function App() { return <p>hello {'<b>x</b>'}</p>; }
render(<App />, document.getElementById('app'));
