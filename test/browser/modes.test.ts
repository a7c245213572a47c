import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { ConnectButtonElement } from '../../src/connect-button/connect-button.js';
import { PRESETS } from '../../src/presets/index.js';
import type { LaunchMode } from '../../src/core/session.js';
import { skipIn } from './helpers.js';
import { chooseAutoMode, isFramed, resolveMode, type DeviceInfo } from '../../src/core/modes.js';

ConnectButtonElement.define();

const desktopUA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const device = (over: Partial<DeviceInfo>): DeviceInfo => ({ width: 1280, height: 800, coarsePointer: false, userAgent: desktopUA, ...over });

describe('mode="auto"', () => {
  const cases: [string, Partial<DeviceInfo>, string, string][] = [
    ['a desktop', {}, 'popup', 'desktop'],
    ['a phone (width 390)', { width: 390, height: 844, coarsePointer: true }, 'redirect', 'phone'],
    ['a phone held sideways (width 480)', { width: 480, height: 320, coarsePointer: true }, 'redirect', 'phone'],
    ['a portrait tablet', { width: 820, height: 1180, coarsePointer: true }, 'redirect', 'portrait-tablet'],
    ['a landscape tablet', { width: 1180, height: 820, coarsePointer: true }, 'popup', 'desktop'],
    ['a narrow desktop window with a mouse, taller than wide', { width: 700, height: 900 }, 'popup', 'desktop'],
    ['the Instagram in-app browser', { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 350.0', width: 1280 }, 'redirect', 'in-app-browser'],
    ['the Facebook in-app browser', { userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/480.0]' }, 'redirect', 'in-app-browser'],
    ['an Android WebView', { userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0 Mobile Safari/537.36' }, 'redirect', 'in-app-browser'],
    ['an iOS WKWebView (no Safari token)', { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148' }, 'redirect', 'in-app-browser'],
    ['mobile Safari on an iPad in landscape', { userAgent: 'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1', width: 1180, height: 820, coarsePointer: true }, 'popup', 'desktop'],
  ];
  for (const [name, info, mode, reason] of cases) {
    it(`chooses ${mode} on ${name}`, () => {
      expect(chooseAutoMode(device(info))).to.deep.equal({ mode, reason });
    });
  }

  skipIn(['webkit'], 'MiniBrowser’s window is never narrower than about 447 px: no phone-sized viewport', describe)('on the real viewport', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('says which mode it chose and why: a popup on this desktop viewport, a redirect once it is phone-sized', async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button source="github"></connect-button>`);
      expect(el.resolvedMode).to.deep.equal({ mode: 'popup', reason: 'desktop' });
      await setViewport({ width: 390, height: 844 });
      expect(el.resolvedMode).to.deep.equal({ mode: 'redirect', reason: 'phone' });
    });

    it('lets the mode attribute and the preset decide before the device', async () => {
      await setViewport({ width: 390, height: 844 });
      const el = await fixture<ConnectButtonElement>(html`<connect-button source="github" mode="popup"></connect-button>`);
      expect(el.resolvedMode).to.deep.equal({ mode: 'popup', reason: 'attribute' });
      el.mode = 'auto';
      el.preset = 'opendatalabs';
      expect(el.resolvedMode).to.deep.equal({ mode: 'modal', reason: 'preset' });
      el.preset = 'context-gateway';
      expect(el.resolvedMode).to.deep.equal({ mode: 'redirect', reason: 'preset' });
      el.preset = 'alter';
      expect(el.resolvedMode).to.deep.equal({ mode: 'redirect', reason: 'phone' });
    });
  });
});

describe('each preset’s launch modes', () => {
  const presets = Object.values(PRESETS);
  const requested = ['auto', 'popup', 'tab', 'modal', 'redirect'] as const;
  const devices = { desktop: device({}), phone: device({ width: 390, height: 844, coarsePointer: true }) };

  for (const preset of presets) {
    for (const mode of requested) {
      for (const [name, info] of Object.entries(devices)) {
        it(`${preset.name} with mode="${mode}" on a ${name} runs a mode it supports`, () => {
          const resolved = resolveMode(mode, preset, info);
          expect(preset.modes, `${preset.name} resolved to ${resolved.mode}`).to.include(resolved.mode);
          if (mode !== 'auto' && preset.modes.includes(mode)) expect(resolved).to.deep.equal({ mode, reason: 'attribute' });
          if (mode !== 'auto' && !preset.modes.includes(mode)) expect(resolved.reason).to.equal('preset');
        });
      }
    }
  }

  it('never frames a system that refuses framing, and never sends Open Data Labs away with no way back', () => {
    for (const name of ['alter', 'thryve', 'context-gateway']) expect(resolveMode('modal', PRESETS[name], devices.desktop).mode).to.equal('popup');
    expect(resolveMode('redirect', PRESETS.opendatalabs, devices.phone)).to.deep.equal({ mode: 'modal', reason: 'preset' });
  });

  it('warns and reports reason "preset" on the element when the mode is replaced', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button preset="alter" mode="modal" source="google"></connect-button>`);
    expect(el.resolvedMode).to.deep.equal({ mode: 'popup', reason: 'preset' });
  });
});

// An app embedded in another site's frame (an admin panel, a CMS preview): a redirect would navigate
// the frame itself to a provider that refuses to be framed, so the embedding page would show an error.
describe('inside a frame', () => {
  const desktop = device({});
  const phone = device({ width: 390, height: 844, coarsePointer: true });
  const only = (modes: LaunchMode[], autoMode: LaunchMode | 'device' = 'device') => ({ modes, autoMode });

  it('runs mode="redirect" in a popup, and says why', () => {
    expect(resolveMode('redirect', PRESETS.default, desktop, true)).to.deep.equal({ mode: 'popup', reason: 'framed' });
  });

  it('runs the redirect that auto chose for a phone in a popup', () => {
    expect(resolveMode('auto', PRESETS.default, phone, true)).to.deep.equal({ mode: 'popup', reason: 'framed' });
    expect(resolveMode('auto', PRESETS.default, phone, false)).to.deep.equal({ mode: 'redirect', reason: 'phone' });
  });

  it('runs a system whose documented launch is a redirect in a popup', () => {
    for (const name of ['context-gateway', 'thryve']) expect(resolveMode('auto', PRESETS[name], desktop, true)).to.deep.equal({ mode: 'popup', reason: 'framed' });
  });

  it('uses a tab when the system has no popup, and still redirects when it can do nothing else', () => {
    expect(resolveMode('redirect', only(['redirect', 'tab']), desktop, true)).to.deep.equal({ mode: 'tab', reason: 'framed' });
    expect(resolveMode('redirect', only(['redirect']), desktop, true)).to.deep.equal({ mode: 'redirect', reason: 'attribute' });
  });

  it('leaves every other mode as it is', () => {
    for (const mode of ['popup', 'tab', 'modal'] as const) expect(resolveMode(mode, PRESETS.default, desktop, true)).to.deep.equal({ mode, reason: 'attribute' });
    expect(resolveMode('auto', PRESETS.opendatalabs, phone, true)).to.deep.equal({ mode: 'modal', reason: 'preset' });
  });

  it('knows a top-level page from a framed one', async () => {
    expect(isFramed()).to.equal(false);
    const frame = Object.assign(document.createElement('iframe'), { srcdoc: '<p>framed</p>' });
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    try {
      const framedWindow = frame.contentWindow as Window & typeof globalThis;
      // The same function, evaluated against the frame's own globals.
      expect(new framedWindow.Function(`return (${isFramed.toString()})()`)()).to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
