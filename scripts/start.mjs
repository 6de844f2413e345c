// `npm start`: builds the extension and opens Chromium with it loaded on the
// bundled demo directory page, so everything works with no internet.
import { execSync } from 'node:child_process';
import path from 'node:path';
import { openDemo, root } from './demo-browser.mjs';

if (!process.env.DISPLAY && process.platform === 'linux') {
  console.error('No display found. Run on a desktop, or under Xvfb: xvfb-run -a npm start');
  process.exit(1);
}

console.log('Building the extension…');
execSync('npx wxt build', { cwd: root, stdio: 'inherit' });

const { context, seeded } = await openDemo({
  extensionDir: path.join(root, '.output/chrome-mv3'),
  // A profile of its own, kept between runs, so the base you build in the demo stays.
  profileDir: path.join(root, '.chromium-profile'),
});
console.log(`Callmark is running on the demo page${seeded ? ' (demo calls added to the base)' : ''}. Close the browser to stop.`);
await new Promise((resolve) => context.on('close', resolve));
