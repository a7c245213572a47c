import { mount } from 'svelte';
import 'connect-elements/define';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
