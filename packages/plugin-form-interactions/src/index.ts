export { formInteractionsPlugin, formInteractionsOptionsFrom, type FormInteractionsOptions, type FormInteractionsClient } from './form-interactions-plugin';
export { readFormProperties, type FormProperties } from './form-properties';
export * from './constants';
