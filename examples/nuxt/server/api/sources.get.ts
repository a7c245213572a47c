import { catalog } from '../utils/connect';

export default defineEventHandler(() => catalog());
