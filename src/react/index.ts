// connect-elements/react: React components around the elements, made with @lit/react,
// for React 18 (which sets attributes, not properties, and cannot listen for custom
// events). React 19 renders the elements directly; see the README.
// Importing this module registers the elements (it imports connect-elements/define).
import * as React from 'react';
import { createComponent } from '@lit/react';
import '../define.js';
import { ConnectButtonElement } from '../connect-button/connect-button.js';
import { ConnectModalElement } from '../connect-modal/connect-modal.js';
import { SourceListElement } from '../source-list/source-list.js';
import type {
  ConnectAnalyticsEvent,
  ConnectCloseRequestEvent,
  ConnectDisconnectEvent,
  ConnectErrorEvent,
  ConnectExitEvent,
  ConnectOpenEvent,
  ConnectReadyEvent,
  ConnectSourceSelectEvent,
  ConnectSuccessEvent,
} from '../events.js';

/** The events every element fires, by React prop. */
export interface FlowEventProps {
  onConnectOpen: ConnectOpenEvent;
  onConnectReady: ConnectReadyEvent;
  onConnectSuccess: ConnectSuccessEvent;
  onConnectExit: ConnectExitEvent;
  onConnectError: ConnectErrorEvent;
  onConnectEvent: ConnectAnalyticsEvent;
}
/** `<connect-modal>`'s events by React prop. */
export interface ModalEventProps extends FlowEventProps {
  onConnectCloseRequest: ConnectCloseRequestEvent;
}
/** `<source-list>`'s events by React prop. */
export interface SourceListEventProps extends FlowEventProps {
  onConnectSourceSelect: ConnectSourceSelectEvent;
  onConnectDisconnect: ConnectDisconnectEvent;
}

/** Which event each prop listens for (@lit/react adds and removes the listeners). */
const FLOW_EVENTS = {
  onConnectOpen: 'connect-open',
  onConnectReady: 'connect-ready',
  onConnectSuccess: 'connect-success',
  onConnectExit: 'connect-exit',
  onConnectError: 'connect-error',
  onConnectEvent: 'connect-event',
} satisfies Record<keyof FlowEventProps, keyof GlobalEventHandlersEventMap>;
const MODAL_EVENTS = { ...FLOW_EVENTS, onConnectCloseRequest: 'connect-close-request' } satisfies Record<keyof ModalEventProps, string>;
const LIST_EVENTS = {
  ...FLOW_EVENTS,
  onConnectSourceSelect: 'connect-source-select',
  onConnectDisconnect: 'connect-disconnect',
} satisfies Record<keyof SourceListEventProps, string>;

/**
 * The props of a wrapped element: its own public properties (set as properties,
 * so objects, arrays and functions pass as they are), its events as `on...`
 * props, and React's ordinary HTML props. `scopes` also takes a string.
 */
export type ElementProps<I extends HTMLElement, E extends object> = Omit<
  React.HTMLAttributes<I>,
  keyof E | Exclude<keyof I, keyof HTMLElement>
> &
  Partial<Omit<I, keyof HTMLElement | 'scopes'>> & { scopes?: string | readonly string[] } & { [K in keyof E]?: (event: E[K]) => void } &
  React.RefAttributes<I>;

/** A React component for the element `I` with the events `E`. */
export type ElementComponent<I extends HTMLElement, E extends object> = React.ForwardRefExoticComponent<ElementProps<I, E>>;

/** `<connect-button>` for React. */
export const ConnectButton: ElementComponent<ConnectButtonElement, FlowEventProps> = createComponent({
  react: React,
  tagName: 'connect-button',
  elementClass: ConnectButtonElement,
  events: FLOW_EVENTS,
  displayName: 'ConnectButton',
}) as never;

/** `<connect-modal>` for React. */
export const ConnectModal: ElementComponent<ConnectModalElement, ModalEventProps> = createComponent({
  react: React,
  tagName: 'connect-modal',
  elementClass: ConnectModalElement,
  events: MODAL_EVENTS,
  displayName: 'ConnectModal',
}) as never;

/** `<source-list>` for React. */
export const SourceList: ElementComponent<SourceListElement, SourceListEventProps> = createComponent({
  react: React,
  tagName: 'source-list',
  elementClass: SourceListElement,
  events: LIST_EVENTS,
  displayName: 'SourceList',
}) as never;
