/// <reference types="connect-elements/types/vue" />
