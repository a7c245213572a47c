import { createApp } from 'vue';
import 'connect-elements/define';
import App from './App.vue';

createApp(App).mount('#app');
