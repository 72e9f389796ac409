/**
 * Advice files rarely have coordinates: the commune comes from an INSEE code, a name typed by hand or a
 * postcode. The rule is the import engine's (src/io/communes.ts), re-exported for the advice module.
 */
export {
  type CommuneMatch,
  type CommuneRef,
  type CommuneResolver,
  communeNameKey,
  createCommuneResolver,
  normaliseInsee,
} from '../../io/communes.ts';
