// connect-elements/define: registers every element.
export {};
