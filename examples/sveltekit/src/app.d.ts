/// <reference types="connect-elements/types/svelte" />
export {};
