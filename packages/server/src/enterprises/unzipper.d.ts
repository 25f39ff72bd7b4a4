declare module 'unzipper';
