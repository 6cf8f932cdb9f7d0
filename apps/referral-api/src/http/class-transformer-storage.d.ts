// class-transformer publishes its metadata storage (which @Type() fills) without typings for this path.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
