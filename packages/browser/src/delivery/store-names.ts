/** The queue's storage names end with the instance suffix (`../constants`), kept here under its delivery name. */
export { instanceSuffix as queueSuffix } from '../constants.js';
