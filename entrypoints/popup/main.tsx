import { render } from 'preact';
render(<h1>Callmark</h1>, document.getElementById('app')!);
