export {
  formInteractionsPlugin,
  formInteractionsOptionsFrom,
  type FormInteractionsOptions,
} from './form-interactions-plugin.js';
export { readFormProperties, type FormProperties } from './form-properties.js';
export * from './constants.js';
