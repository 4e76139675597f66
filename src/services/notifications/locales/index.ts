import type { Language } from '../../../contract';
import en from './en.json';
import es from './es.json';

/**
 * Every message to recipients, one catalog per language (English is the reference and the fallback).
 * Keyed by Language, so a language added to the contract without its catalog here does not compile.
 */
export const messageCatalogs: Record<Language, typeof en> = { en, es };
